package io.corral.placement.constraint;

/**
 * Which work a constraint applies to: staging tasks, or the instances of running LRPs.
 */
public enum Lifecycle {

    STAGING, RUNNING

}
