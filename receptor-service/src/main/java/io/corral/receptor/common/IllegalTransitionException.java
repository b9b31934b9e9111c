package io.corral.receptor.common;

/** A lifecycle step the instance's current state does not allow. */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(String message) {
        super(message);
    }

}
