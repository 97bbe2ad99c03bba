/**
 * {@code terra-auth scan}: finds leaked Terra credentials in trees, staged changes, git history and
 * standard input. Pipeline: sources ({@code TreeWalker}, {@code GitSources}, stdin) produce bytes;
 * {@code Prefilter} drops files that never mention Terra or a dev-id; {@code Detector} finds
 * keyword-context candidates; {@code Placeholders} and {@code Entropy} reject stand-ins; {@code
 * Scanner} turns candidates into {@code Finding}s (fingerprint and mask only, never the value),
 * which the allow marker, {@code Baseline} and {@code KnownCredentials} refine and the text, JSON
 * and SARIF reports print.
 */
package dev.terraauth.cli.scan;
