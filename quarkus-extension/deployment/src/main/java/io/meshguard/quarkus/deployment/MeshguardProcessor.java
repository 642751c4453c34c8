package io.meshguard.quarkus.deployment;

import io.meshguard.core.annotation.PublicEndpoint;
import io.meshguard.core.annotation.RequireClaim;
import io.meshguard.core.annotation.RequireClaims;
import io.meshguard.core.annotation.RequirePeer;
import io.meshguard.core.annotation.RequireScopes;
import io.meshguard.core.route.RouteTable;
import io.meshguard.core.route.Unmatched;
import io.meshguard.quarkus.runtime.DecisionMetricsProducer;
import io.meshguard.quarkus.runtime.EndpointRoute;
import io.meshguard.quarkus.runtime.EndpointRoutes;
import io.meshguard.quarkus.runtime.ForbiddenProblemMapper;
import io.meshguard.quarkus.runtime.InvalidRequestProblems;
import io.meshguard.quarkus.runtime.MeshIdentityProvider;
import io.meshguard.quarkus.runtime.MeshJwtProducer;
import io.meshguard.quarkus.runtime.MeshguardAuthenticationMechanism;
import io.meshguard.quarkus.runtime.MeshguardBuildTimeConfig;
import io.meshguard.quarkus.runtime.MeshguardFilter;
import io.meshguard.quarkus.runtime.MeshguardProducer;
import io.meshguard.quarkus.runtime.MeshguardRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.arc.processor.BeanInfo;
import io.quarkus.arc.processor.BuildExtension;
import io.quarkus.arc.processor.BuiltinScope;
import io.quarkus.arc.processor.InjectionPointInfo;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.resteasy.reactive.spi.ExceptionMapperBuildItem;
import io.quarkus.vertx.http.deployment.FilterBuildItem;
import io.quarkus.vertx.http.deployment.HttpRootPathBuildItem;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.ws.rs.Priorities;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

/**
 * Installs meshguard in a Quarkus application at build time: finds every Quarkus REST resource
 * method and every use of meshguard's annotations in the index, fails the build with a precise
 * message for an invalid or conflicting one, and registers the filter, the authentication
 * mechanism, the identity provider, the problem mapper for Quarkus' own 403 and, with
 * quarkus-micrometer, the decision counter. Nothing is scanned at run time.
 */
class MeshguardProcessor {

  private static final String FEATURE = "meshguard";

  private static final DotName CLAIM = DotName.createSimple("org.eclipse.microprofile.jwt.Claim");
  private static final Set<DotName> PER_CALL_TYPES =
      Set.of(
          DotName.createSimple("org.eclipse.microprofile.jwt.ClaimValue"),
          DotName.createSimple("jakarta.inject.Provider"),
          DotName.createSimple("jakarta.enterprise.inject.Instance"));

  private static final List<DotName> HTTP_METHODS =
      List.of(
          DotName.createSimple("jakarta.ws.rs.GET"),
          DotName.createSimple("jakarta.ws.rs.POST"),
          DotName.createSimple("jakarta.ws.rs.PUT"),
          DotName.createSimple("jakarta.ws.rs.DELETE"),
          DotName.createSimple("jakarta.ws.rs.PATCH"),
          DotName.createSimple("jakarta.ws.rs.HEAD"),
          DotName.createSimple("jakarta.ws.rs.OPTIONS"));
  private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");

  /** Quarkus REST's run-time switch for a whole resource class. */
  private static final DotName ENDPOINT_DISABLED =
      DotName.createSimple("io.quarkus.resteasy.reactive.server.EndpointDisabled");

  private static final DotName APPLICATION_PATH =
      DotName.createSimple("jakarta.ws.rs.ApplicationPath");
  private static final List<DotName> MESHGUARD_ANNOTATIONS =
      List.of(
          DotName.createSimple(PublicEndpoint.class),
          DotName.createSimple(RequireScopes.class),
          DotName.createSimple(RequireClaim.class),
          DotName.createSimple(RequireClaims.class),
          DotName.createSimple(RequirePeer.class));
  private static final DotName PUBLIC_ENDPOINT = DotName.createSimple(PublicEndpoint.class);
  private static final List<DotName> QUARKUS_SECURITY_ANNOTATIONS =
      List.of(
          DotName.createSimple("jakarta.annotation.security.RolesAllowed"),
          DotName.createSimple("jakarta.annotation.security.DenyAll"),
          DotName.createSimple("io.quarkus.security.Authenticated"),
          DotName.createSimple("io.quarkus.security.PermissionsAllowed"));
  private static final DotName PERMIT_ALL =
      DotName.createSimple("jakarta.annotation.security.PermitAll");

  /** Whether {@code quarkus.meshguard.enabled} is on. */
  static final class Enabled implements BooleanSupplier {
    private final MeshguardBuildTimeConfig config;

    Enabled(MeshguardBuildTimeConfig config) {
      this.config = config;
    }

    @Override
    public boolean getAsBoolean() {
      return config.enabled();
    }
  }

  @BuildStep(onlyIf = Enabled.class)
  FeatureBuildItem feature() {
    return new FeatureBuildItem(FEATURE);
  }

  @BuildStep(onlyIf = Enabled.class)
  void beans(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
    beans.produce(
        AdditionalBeanBuildItem.builder()
            .addBeanClasses(
                MeshguardProducer.class,
                MeshguardAuthenticationMechanism.class,
                MeshIdentityProvider.class,
                InvalidRequestProblems.class)
            .setUnremovable()
            .build());
    if (capabilities.isMissing(Capability.JWT)) {
      // JsonWebToken and @Claim from the mesh identity; quarkus-smallrye-jwt brings its own.
      beans.produce(AdditionalBeanBuildItem.unremovableOf(MeshJwtProducer.class));
    }
    if (capabilities.isPresent(Capability.METRICS)
        && QuarkusClassLoader.isClassPresentAtRuntime(
            "io.micrometer.core.instrument.MeterRegistry")) {
      beans.produce(AdditionalBeanBuildItem.unremovableOf(DecisionMetricsProducer.class));
    }
  }

  /**
   * A {@code @Claim} value read when its bean is made ({@code String}, {@code Long}, {@code
   * Set<String>}, {@code Optional}...) must not sit in an application-scoped or singleton bean (a
   * Quarkus REST resource is a singleton unless it says otherwise): the first caller's claim would
   * be every later caller's. Only {@code ClaimValue}, {@code Provider} and {@code Instance}, which
   * read the current request's token on each call, may. Fails the build, as MicroProfile JWT asks.
   */
  @BuildStep(onlyIf = Enabled.class)
  void claimsReadPerRequest(
      ValidationPhaseBuildItem validation, BuildProducer<ValidationErrorBuildItem> errors) {
    for (InjectionPointInfo point :
        validation.getContext().get(BuildExtension.Key.INJECTION_POINTS)) {
      if (point.getRequiredQualifier(CLAIM) == null
          || PER_CALL_TYPES.contains(point.getRequiredType().name())) {
        continue;
      }
      BeanInfo target = point.getTargetBean().orElse(null);
      if (target == null) {
        continue;
      }
      DotName scope = target.getScope().getDotName();
      if (scope.equals(BuiltinScope.APPLICATION.getName())
          || scope.equals(BuiltinScope.SINGLETON.getName())) {
        errors.produce(
            new ValidationErrorBuildItem(
                new DeploymentException(
                    "@Claim "
                        + point.getRequiredType()
                        + " in "
                        + point.getTargetInfo()
                        + ": the bean is "
                        + scope.withoutPackagePrefix()
                        + ", so the first caller's claim would be every caller's; make the bean"
                        + " @RequestScoped or inject ClaimValue, Provider or Instance")));
      }
    }
  }

  @BuildStep(onlyIf = Enabled.class)
  ExceptionMapperBuildItem forbiddenProblems() {
    // Before Quarkus' own mapper (USER + 1); an application's mapper with a lower value still wins.
    return new ExceptionMapperBuildItem(
        ForbiddenProblemMapper.class.getName(),
        "io.quarkus.security.ForbiddenException",
        Priorities.USER,
        false);
  }

  @BuildStep(onlyIf = Enabled.class)
  MeshguardEndpointsBuildItem endpoints(
      CombinedIndexBuildItem combinedIndex,
      HttpRootPathBuildItem rootPath,
      BuildProducer<ReflectiveClassBuildItem> reflection) {
    IndexView index = combinedIndex.getIndex();
    String prefix = join(rootPath.getRootPath(), applicationPath(index));
    List<EndpointRoute> endpoints = new ArrayList<>();
    Set<String> resourceMethods = new TreeSet<>();
    Set<String> resourceClasses = new TreeSet<>();
    for (DotName httpMethod : HTTP_METHODS) {
      for (AnnotationInstance annotation : index.getAnnotations(httpMethod)) {
        if (annotation.target().kind() != AnnotationTarget.Kind.METHOD) {
          continue;
        }
        MethodInfo method = annotation.target().asMethod();
        ClassInfo type = method.declaringClass();
        AnnotationInstance classPath = type.declaredAnnotation(PATH);
        if (classPath == null || type.isInterface() || type.isAbstract()) {
          continue;
        }
        AnnotationInstance methodPath = method.annotation(PATH);
        String template =
            join(
                prefix,
                join(
                    classPath.value().asString(),
                    methodPath == null ? "" : methodPath.value().asString()));
        List<String> parameters = new ArrayList<>();
        for (Type parameter : method.parameterTypes()) {
          parameters.add(className(parameter));
        }
        EndpointRoute endpoint =
            new EndpointRoute(
                httpMethod.withoutPackagePrefix(),
                template,
                type.name().toString(),
                method.name(),
                parameters);
        AnnotationInstance disabled = type.declaredAnnotation(ENDPOINT_DISABLED);
        if (disabled != null) {
          // Evaluated at start-up, as Quarkus REST does: a disabled class is not a route.
          endpoint.setDisabledProperty(disabled.value("name").asString());
          AnnotationValue value = disabled.value("stringValue");
          endpoint.setDisabledValue(value == null ? "" : value.asString());
          AnnotationValue ifMissing = disabled.value("disableIfMissing");
          endpoint.setDisabledIfMissing(ifMissing != null && ifMissing.asBoolean());
        }
        endpoints.add(endpoint);
        resourceMethods.add(methodKey(method));
        resourceClasses.add(type.name().toString());
      }
    }
    List<String> problems = new ArrayList<>();
    checkPlacement(index, resourceClasses, resourceMethods, problems);
    checkPublicAgainstQuarkusSecurity(index, problems);
    if (problems.isEmpty()) {
      try {
        RouteTable table =
            EndpointRoutes.table(
                endpoints, Unmatched.DENY, Thread.currentThread().getContextClassLoader());
        table.routes(); // built only to prove every annotation and template valid
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "meshguard found invalid annotations:\n - " + String.join("\n - ", problems));
    }
    if (!resourceClasses.isEmpty()) {
      // The requirements are read from the annotations again at start-up, by reflection.
      reflection.produce(
          ReflectiveClassBuildItem.builder(resourceClasses.toArray(String[]::new))
              .methods()
              .build());
    }
    return new MeshguardEndpointsBuildItem(endpoints);
  }

  @BuildStep(onlyIf = Enabled.class)
  @Record(ExecutionTime.RUNTIME_INIT)
  FilterBuildItem filter(
      MeshguardRecorder recorder,
      MeshguardEndpointsBuildItem endpoints,
      BeanContainerBuildItem beanContainer) {
    return new FilterBuildItem(recorder.filter(endpoints.endpoints()), MeshguardFilter.PRIORITY);
  }

  /** A meshguard annotation anywhere but on a resource method or class would be ignored. */
  private static void checkPlacement(
      IndexView index,
      Set<String> resourceClasses,
      Set<String> resourceMethods,
      List<String> problems) {
    for (DotName name : MESHGUARD_ANNOTATIONS) {
      for (AnnotationInstance annotation : index.getAnnotations(name)) {
        AnnotationTarget target = annotation.target();
        String simple = "@" + name.withoutPackagePrefix();
        if (target.kind() == AnnotationTarget.Kind.METHOD) {
          MethodInfo method = target.asMethod();
          String where = method.declaringClass().name() + "#" + method.name();
          if (!resourceMethods.contains(methodKey(method))) {
            problems.add(
                simple
                    + " on "
                    + where
                    + ", which is not a Quarkus REST resource method (an HTTP method annotation"
                    + " in a concrete class with @Path): meshguard would ignore it");
          }
        } else if (target.kind() == AnnotationTarget.Kind.CLASS) {
          String where = target.asClass().name().toString();
          if (!resourceClasses.contains(where)) {
            problems.add(
                simple
                    + " on "
                    + where
                    + ", which has no Quarkus REST resource methods: meshguard would ignore it");
          }
        }
      }
    }
  }

  /**
   * A public endpoint is never authenticated, so a Quarkus security annotation demanding an
   * identity there could only fail.
   */
  private static void checkPublicAgainstQuarkusSecurity(IndexView index, List<String> problems) {
    for (AnnotationInstance annotation : index.getAnnotations(PUBLIC_ENDPOINT)) {
      AnnotationTarget target = annotation.target();
      if (target.kind() == AnnotationTarget.Kind.METHOD) {
        MethodInfo method = target.asMethod();
        ClassInfo type = method.declaringClass();
        boolean secured =
            securedBy(method::hasDeclaredAnnotation)
                || (securedBy(type::hasDeclaredAnnotation)
                    && !method.hasDeclaredAnnotation(PERMIT_ALL));
        if (secured) {
          problems.add(
              "@PublicEndpoint on "
                  + type.name()
                  + "#"
                  + method.name()
                  + " conflicts with a Quarkus security annotation that needs an identity");
        }
      } else if (target.kind() == AnnotationTarget.Kind.CLASS
          && securedBy(target.asClass()::hasDeclaredAnnotation)) {
        problems.add(
            "@PublicEndpoint on "
                + target.asClass().name()
                + " conflicts with a Quarkus security annotation that needs an identity");
      }
    }
  }

  private static boolean securedBy(Predicate<DotName> declares) {
    return QUARKUS_SECURITY_ANNOTATIONS.stream().anyMatch(declares);
  }

  private static String applicationPath(IndexView index) {
    for (AnnotationInstance annotation : index.getAnnotations(APPLICATION_PATH)) {
      return annotation.value().asString();
    }
    Optional<String> restPath =
        ConfigProvider.getConfig().getOptionalValue("quarkus.rest.path", String.class);
    return restPath.orElse("/");
  }

  /** {@code a} and {@code b} joined by exactly one slash, starting with one. */
  static String join(String a, String b) {
    String left = trimSlashes(a);
    String right = trimSlashes(b);
    if (left.isEmpty()) {
      return "/" + right;
    }
    return right.isEmpty() ? "/" + left : "/" + left + "/" + right;
  }

  private static String trimSlashes(String path) {
    int start = 0;
    int end = path.length();
    while (start < end && path.charAt(start) == '/') {
      start++;
    }
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(start, end);
  }

  /** A method with its parameter types, so that an overload is never taken for another. */
  private static String methodKey(MethodInfo method) {
    StringBuilder key =
        new StringBuilder(method.declaringClass().name().toString())
            .append('#')
            .append(method.name())
            .append('(');
    for (Type parameter : method.parameterTypes()) {
      key.append(className(parameter)).append(',');
    }
    return key.append(')').toString();
  }

  /** The name {@link Class#getName()} gives the parameter's erased type. */
  private static String className(Type type) {
    return type.name().toString();
  }
}
