package io.meshguard.examples.springorders;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.AccessTarget.ConstructorCallTarget;
import com.tngtech.archunit.core.domain.AccessTarget.ConstructorReferenceTarget;
import com.tngtech.archunit.core.domain.AccessTarget.FieldAccessTarget;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The starter's linkage on Boot 3.5: every class, method, constructor and field of a library the
 * starter's bytecode (compiled against Boot 4) references exists on the Boot 3.5 line, so no {@code
 * NoClassDefFoundError} or {@code NoSuchMethodError} waits in a path the contract suite does not
 * take. The starter's optional libraries (Spring Security, Micrometer) are checked at Boot 3.5's
 * versions too, from jars the build copies next to this module's classes (they are not on the
 * application's classpath: spring-orders runs without Spring Security). Class names the starter
 * only names as strings (conditions) are not references and are not checked.
 */
class StarterLinkageTests {

  private static final JavaClasses STARTER =
      new ClassFileImporter().importPackages("io.meshguard.spring");

  @Test
  void starterWhenLinkedAgainstBoot35ThenEveryReferencedMemberExists() throws IOException {
    assertThat(STARTER).as("starter classes").hasSizeGreaterThan(5);
    try (URLClassLoader boot35 = withOptionalLibraries()) {
      Set<String> missing = new TreeSet<>();
      for (JavaClass type : STARTER) {
        for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass().getBaseComponentType();
          if (checked(target) && load(target.getName(), boot35) == null) {
            missing.add(target.getName() + " (from " + type.getSimpleName() + ")");
          }
        }
        for (JavaAccess<?> access : type.getAccessesFromSelf()) {
          AccessTarget target = access.getTarget();
          if (checked(target.getOwner()) && !exists(target, boot35)) {
            missing.add(target.getFullName() + " (from " + type.getSimpleName() + ")");
          }
        }
      }
      assertThat(missing).as("referenced by the starter, absent on Boot 3.5").isEmpty();
    }
  }

  /** Neither the starter, nor the JDK, nor annotations only javac needs (JSpecify). */
  private static boolean checked(JavaClass type) {
    String name = type.getName();
    return !type.isPrimitive()
        && !name.startsWith("io.meshguard.")
        && !name.startsWith("java.")
        && !name.startsWith("org.jspecify.");
  }

  private static boolean exists(AccessTarget target, ClassLoader loader) {
    Class<?> owner = load(target.getOwner().getName(), loader);
    if (owner == null) {
      return false;
    }
    if (target instanceof FieldAccessTarget) {
      return hierarchy(owner).anyMatch(type -> hasField(type, target.getName()));
    }
    CodeUnitAccessTarget code = (CodeUnitAccessTarget) target;
    List<String> parameters = code.getRawParameterTypes().stream().map(JavaClass::getName).toList();
    if (target instanceof ConstructorCallTarget || target instanceof ConstructorReferenceTarget) {
      return Arrays.stream(owner.getDeclaredConstructors())
          .anyMatch(constructor -> parameters.equals(names(constructor)));
    }
    String returned = code.getRawReturnType().getName();
    return hierarchy(owner)
        .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
        .anyMatch(
            method ->
                method.getName().equals(target.getName())
                    && parameters.equals(names(method))
                    && returned.equals(returnName(method)));
  }

  private static String returnName(Method method) {
    return method.getReturnType().getName();
  }

  private static List<String> names(Executable executable) {
    return Arrays.stream(executable.getParameterTypes()).map(Class::getName).toList();
  }

  private static boolean hasField(Class<?> type, String name) {
    return Arrays.stream(type.getDeclaredFields()).anyMatch(field -> field.getName().equals(name));
  }

  /** The type, its superclasses and every interface it inherits. */
  private static Stream<Class<?>> hierarchy(Class<?> type) {
    Set<Class<?>> seen = new HashSet<>();
    Deque<Class<?>> next = new ArrayDeque<>(List.of(type));
    while (!next.isEmpty()) {
      Class<?> current = next.pop();
      if (seen.add(current)) {
        if (current.getSuperclass() != null) {
          next.push(current.getSuperclass());
        }
        next.addAll(Arrays.asList(current.getInterfaces()));
      }
    }
    if (type.isInterface()) {
      seen.add(Object.class);
    }
    return seen.stream();
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /** This module's classpath plus Boot 3.5's Spring Security and Micrometer (see the POM). */
  private static URLClassLoader withOptionalLibraries() throws IOException {
    Path directory = Path.of("target", "boot35-optional");
    List<Path> jars;
    try (Stream<Path> files = Files.list(directory)) {
      jars = files.filter(file -> file.toString().endsWith(".jar")).toList();
    }
    assertThat(jars).as("jars in " + directory).isNotEmpty();
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = url(jars.get(i));
    }
    return new URLClassLoader(urls, StarterLinkageTests.class.getClassLoader());
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
