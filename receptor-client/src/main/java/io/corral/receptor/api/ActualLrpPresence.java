package io.corral.receptor.api;

/**
 * How an instance stands at its index (Diego's names). An index has one {@link #ORDINARY}
 * instance, its current one, and at most one other beside it while that one is being
 * replaced: {@link #EVACUATING} (the placement service moves it away) or {@link #SUSPECT}
 * (its cell stopped heartbeating). Both run on, RUNNING and routable, until their
 * replacement runs.
 */
public enum ActualLrpPresence {

    ORDINARY, EVACUATING, SUSPECT

}
