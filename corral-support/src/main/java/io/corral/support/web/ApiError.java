package io.corral.support.web;

/**
 * The body of every 4xx/5xx answer: a stable error name and a message naming what was
 * wrong.
 */
public record ApiError(String name, String message) {
}
