package io.corral.receptor.api;

public enum ActualLrpState {

    UNCLAIMED, CLAIMED, RUNNING, CRASHED

}
