package io.meshguard.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** A policy-package class that streams JSON and YAML: allowed there. */
public final class PolicyReaderFixture {

  public JsonFactory json() {
    return new JsonFactory();
  }

  public YAMLFactory yaml() {
    return new YAMLFactory();
  }
}
