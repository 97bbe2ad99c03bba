package dev.terraauth.spring;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds the {@link TerraWebhookListener} methods of every singleton bean as it is initialised, so a
 * malformed listener fails start-up rather than the first delivery. Beans of other scopes are not
 * listeners (each new instance would otherwise be kept forever). Thread-safe.
 */
final class TerraWebhookListenerRegistrar implements BeanPostProcessor, BeanFactoryAware {
  private final List<ListenerMethod> listeners = new CopyOnWriteArrayList<>();
  private final Set<Class<?>> withoutListeners = ConcurrentHashMap.newKeySet();
  private ConfigurableListableBeanFactory beanFactory;

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
      this.beanFactory = listable;
    }
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    Class<?> target = AopUtils.getTargetClass(bean);
    if (withoutListeners.contains(target) || !isSingleton(beanName)) {
      return bean;
    }
    Map<Method, TerraWebhookListener> annotated =
        MethodIntrospector.selectMethods(
            target,
            (MethodIntrospector.MetadataLookup<TerraWebhookListener>)
                method ->
                    AnnotatedElementUtils.findMergedAnnotation(method, TerraWebhookListener.class));
    if (annotated.isEmpty()) {
      withoutListeners.add(target);
    }
    annotated.forEach(
        (method, annotation) ->
            listeners.add(
                ListenerMethod.of(
                    bean, AopUtils.selectInvocableMethod(method, bean.getClass()), annotation)));
    return bean;
  }

  private boolean isSingleton(String beanName) {
    return beanFactory == null
        || !beanFactory.containsBeanDefinition(beanName)
        || beanFactory.getBeanDefinition(beanName).isSingleton();
  }

  List<ListenerMethod> listeners() {
    return List.copyOf(listeners);
  }
}
