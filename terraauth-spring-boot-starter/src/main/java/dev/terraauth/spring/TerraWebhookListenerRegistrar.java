package dev.terraauth.spring;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds the {@link TerraWebhookListener} methods of every bean as it is initialised, so a malformed
 * listener fails start-up rather than the first delivery. Thread-safe.
 */
final class TerraWebhookListenerRegistrar implements BeanPostProcessor {
  private final List<ListenerMethod> listeners = new CopyOnWriteArrayList<>();

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    Class<?> target = AopUtils.getTargetClass(bean);
    Map<Method, TerraWebhookListener> annotated =
        MethodIntrospector.selectMethods(
            target,
            (MethodIntrospector.MetadataLookup<TerraWebhookListener>)
                method ->
                    AnnotatedElementUtils.findMergedAnnotation(method, TerraWebhookListener.class));
    annotated.forEach(
        (method, annotation) ->
            listeners.add(
                ListenerMethod.of(
                    bean, AopUtils.selectInvocableMethod(method, bean.getClass()), annotation)));
    return bean;
  }

  List<ListenerMethod> listeners() {
    return List.copyOf(listeners);
  }
}
