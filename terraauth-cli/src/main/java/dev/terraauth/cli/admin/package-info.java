/** The client of a running gateway's admin API, shared by the commands that drive it. */
package dev.terraauth.cli.admin;
