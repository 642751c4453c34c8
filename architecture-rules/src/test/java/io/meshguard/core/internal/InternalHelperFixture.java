package io.meshguard.core.internal;

/** A class in core's internal package: a target adapters must not depend on. */
public final class InternalHelperFixture {

  public static int twice(int value) {
    return value * 2;
  }
}
