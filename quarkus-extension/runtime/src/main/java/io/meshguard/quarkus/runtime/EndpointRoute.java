package io.meshguard.quarkus.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One Quarkus REST resource method as the build found it: its HTTP method, its full path template
 * and where it is declared. Recorded at build time and read at start-up, so it is a plain bean.
 *
 * @since 0.1.0
 */
public final class EndpointRoute {

  private String httpMethod = "";
  private String pathTemplate = "";
  private String declaringClass = "";
  private String methodName = "";
  private List<String> parameterTypes = new ArrayList<>();
  private String disabledProperty = "";
  private String disabledValue = "";
  private boolean disabledIfMissing;

  /** An empty route, for the recorder. */
  public EndpointRoute() {}

  /**
   * A route.
   *
   * @param httpMethod {@code GET}, {@code POST}, ...
   * @param pathTemplate the full JAX-RS path template, such as {@code /api/v1/orders/{id}}
   * @param declaringClass the resource class's name
   * @param methodName the resource method's name
   * @param parameterTypes the method's parameter types, as {@link Class#getName()} spells them
   */
  public EndpointRoute(
      String httpMethod,
      String pathTemplate,
      String declaringClass,
      String methodName,
      List<String> parameterTypes) {
    this.httpMethod = Objects.requireNonNull(httpMethod, "httpMethod");
    this.pathTemplate = Objects.requireNonNull(pathTemplate, "pathTemplate");
    this.declaringClass = Objects.requireNonNull(declaringClass, "declaringClass");
    this.methodName = Objects.requireNonNull(methodName, "methodName");
    this.parameterTypes = new ArrayList<>(parameterTypes);
  }

  /** The HTTP method. */
  public String getHttpMethod() {
    return httpMethod;
  }

  /** Sets the HTTP method. */
  public void setHttpMethod(String httpMethod) {
    this.httpMethod = httpMethod;
  }

  /** The full path template. */
  public String getPathTemplate() {
    return pathTemplate;
  }

  /** Sets the full path template. */
  public void setPathTemplate(String pathTemplate) {
    this.pathTemplate = pathTemplate;
  }

  /** The resource class's name. */
  public String getDeclaringClass() {
    return declaringClass;
  }

  /** Sets the resource class's name. */
  public void setDeclaringClass(String declaringClass) {
    this.declaringClass = declaringClass;
  }

  /** The resource method's name. */
  public String getMethodName() {
    return methodName;
  }

  /** Sets the resource method's name. */
  public void setMethodName(String methodName) {
    this.methodName = methodName;
  }

  /** The method's parameter types. */
  public List<String> getParameterTypes() {
    return parameterTypes;
  }

  /** Sets the method's parameter types. */
  public void setParameterTypes(List<String> parameterTypes) {
    this.parameterTypes = parameterTypes;
  }

  /**
   * The configuration property of the resource class's {@code @EndpointDisabled}, or {@code ""}
   * when it has none.
   */
  public String getDisabledProperty() {
    return disabledProperty;
  }

  /** Sets the property of the resource class's {@code @EndpointDisabled}. */
  public void setDisabledProperty(String disabledProperty) {
    this.disabledProperty = disabledProperty;
  }

  /** The value of {@link #getDisabledProperty()} that disables the resource class. */
  public String getDisabledValue() {
    return disabledValue;
  }

  /** Sets the value that disables the resource class. */
  public void setDisabledValue(String disabledValue) {
    this.disabledValue = disabledValue;
  }

  /** Whether the resource class is disabled when {@link #getDisabledProperty()} is not set. */
  public boolean isDisabledIfMissing() {
    return disabledIfMissing;
  }

  /** Sets whether the resource class is disabled when its property is not set. */
  public void setDisabledIfMissing(boolean disabledIfMissing) {
    this.disabledIfMissing = disabledIfMissing;
  }

  /**
   * Whether Quarkus REST serves this method with the run-time configuration {@code config}
   * (property name to value, {@code null} when unset): not when its resource class has an {@code
   * io.quarkus.resteasy.reactive.server.EndpointDisabled} whose property has the disabling value,
   * or is unset with {@code disableIfMissing}. The same test Quarkus REST applies at start-up.
   */
  public boolean isServedWith(UnaryOperator<String> config) {
    if (disabledProperty.isEmpty()) {
      return true;
    }
    String value = config.apply(disabledProperty);
    return value == null ? !disabledIfMissing : !value.equals(disabledValue);
  }

  /** For example {@code GET /api/v1/orders (OrdersResource#list)}. */
  @Override
  public String toString() {
    String simpleName = declaringClass.substring(declaringClass.lastIndexOf('.') + 1);
    return httpMethod + " " + pathTemplate + " (" + simpleName + "#" + methodName + ")";
  }
}
