package dev.terraauth.gateway.relay;

import java.net.URI;

/** The fields of a create or PATCH request; null means "not given" (on create: the default). */
public record EndpointChange(
    URI url, String description, EventTypeFilter filter, Boolean enabled, Boolean ordered) {}
