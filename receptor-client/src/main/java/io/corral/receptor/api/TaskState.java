package io.corral.receptor.api;

public enum TaskState {

    PENDING, CLAIMED, RUNNING, COMPLETED, RESOLVING

}
