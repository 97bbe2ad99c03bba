/** JMH benchmarks; run them with the command in the README. */
package dev.terraauth.bench;
