package dev.terraauth.gateway;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A TCP port, 0 (any free one) to 65535; anything else is a usage error naming the range. */
public final class PortConverter implements ITypeConverter<Integer> {
  @Override
  public Integer convert(String value) {
    int port;
    try {
      port = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a port number (0-65535)");
    }
    if (port < 0 || port > 65535) {
      throw new TypeConversionException(
          port + " is not a port: use 0-65535 (0 picks any free port)");
    }
    return port;
  }
}
