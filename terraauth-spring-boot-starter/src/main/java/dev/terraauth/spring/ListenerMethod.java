package dev.terraauth.spring;

import dev.terraauth.core.event.WebhookEvent;
import dev.terraauth.core.webhook.DeliveryMetadata;
import dev.terraauth.core.webhook.VerifiedWebhook;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** One {@link TerraWebhookListener} method of one bean, checked once at start-up. */
record ListenerMethod(
    Object bean,
    Method method,
    List<Class<? extends WebhookEvent>> eventClasses,
    Set<String> types,
    Class<?>[] parameters) {

  static ListenerMethod of(Object bean, Method method, TerraWebhookListener annotation) {
    Class<?>[] parameters = method.getParameterTypes();
    Class<? extends WebhookEvent> accepted = WebhookEvent.class;
    for (Class<?> parameter : parameters) {
      if (WebhookEvent.class.isAssignableFrom(parameter)) {
        accepted = parameter.asSubclass(WebhookEvent.class);
      } else if (parameter != VerifiedWebhook.class && parameter != DeliveryMetadata.class) {
        throw new IllegalStateException(
            "@TerraWebhookListener method "
                + describe(method)
                + " has a parameter of type "
                + parameter.getName()
                + "; allowed: a WebhookEvent (or subtype), VerifiedWebhook, DeliveryMetadata");
      }
    }
    List<Class<? extends WebhookEvent>> classes =
        annotation.value().length == 0 ? List.of(accepted) : List.of(annotation.value());
    Set<String> types =
        Set.of(annotation.types()).stream()
            .map(type -> type.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    method.setAccessible(true);
    return new ListenerMethod(bean, method, classes, types, parameters);
  }

  boolean accepts(WebhookEvent event) {
    boolean typeMatches =
        types.isEmpty()
            || (event.type() != null && types.contains(event.type().toLowerCase(Locale.ROOT)));
    return typeMatches
        && eventClasses.stream().anyMatch(type -> type.isInstance(event))
        && fitsParameters(event);
  }

  private boolean fitsParameters(WebhookEvent event) {
    for (Class<?> parameter : parameters) {
      if (WebhookEvent.class.isAssignableFrom(parameter) && !parameter.isInstance(event)) {
        return false;
      }
    }
    return true;
  }

  void invoke(VerifiedWebhook webhook, WebhookEvent event) throws Exception {
    Object[] arguments = new Object[parameters.length];
    for (int index = 0; index < parameters.length; index++) {
      Class<?> parameter = parameters[index];
      arguments[index] =
          parameter == VerifiedWebhook.class
              ? webhook
              : parameter == DeliveryMetadata.class ? webhook.delivery() : event;
    }
    try {
      method.invoke(bean, arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw (Exception) e.getCause();
    }
  }

  String describe() {
    return describe(method);
  }

  private static String describe(Method method) {
    return method.getDeclaringClass().getName() + "#" + method.getName();
  }
}
