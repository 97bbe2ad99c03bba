/**
 * Environments and credentials: where each value came from, guards against misuse, and {@link
 * dev.terraauth.core.config.Secret}, a type that cannot print itself.
 *
 * <p>{@link dev.terraauth.core.config.CredentialsLoader} resolves an environment from explicit
 * values, system properties, environment variables, the {@code .env.terra.<env>} file and a secrets
 * directory, in that order, recording provenance ({@link dev.terraauth.core.config.Origin}) and
 * every {@link dev.terraauth.core.config.Problem} at once. {@link
 * dev.terraauth.core.config.ReloadingCredentials} follows file changes and keeps retired signing
 * secrets valid for a grace period.
 *
 * <p>Implementation note: this code runs at the start of short CLI commands ({@code env list},
 * {@code webhook verify}), in a cold JVM that interprets it. There every stream pipeline, lambda
 * and method reference costs a call-site linkage, and the first stream initialises much of {@code
 * java.util.stream}; so plain loops and small classes are preferred here.
 */
package dev.terraauth.core.config;
