/**
 * JUnit 5 support: {@link dev.terraauth.emulator.junit.TerraEmulatorExtension} runs the emulator on
 * a free port for a test class or a test. Needs {@code junit-jupiter-api} on the test classpath.
 */
package dev.terraauth.emulator.junit;
