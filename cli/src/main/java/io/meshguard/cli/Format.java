package io.meshguard.cli;

/** The output formats: for people, or one JSON document for scripts. */
enum Format {
  human,
  json
}
