package io.corral.sshauth.web;

import io.corral.sshauth.SshAuthFixture;
import io.corral.testsupport.fuzz.ApiFuzzProperties;
import io.corral.testsupport.fuzz.ApiFuzzer;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile bodies and path segments on every endpoint of ssh-auth's OpenAPI document,
 * beside a real receptor: never a 5xx, a 4xx stores nothing (but the access audit, which
 * records every refused login), errors in the API's shape.
 */
class ApiFuzzTest extends ApiFuzzProperties {

    private static SshAuthFixture platform;

    private static ApiFuzzer fuzzer;

    @BeforeContainer
    static void start() {
        platform = new SshAuthFixture();
        fuzzer = new ApiFuzzer(platform.sshAuth);
    }

    @AfterContainer
    static void stop() {
        platform.close();
    }

    @Override
    protected ApiFuzzer fuzzer() {
        return fuzzer;
    }

}
