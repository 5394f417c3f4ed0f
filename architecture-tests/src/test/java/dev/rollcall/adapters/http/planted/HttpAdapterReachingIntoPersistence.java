package dev.rollcall.adapters.http.planted;

import dev.rollcall.adapters.persistence.Database;

/** Planted violation: one adapter depending on another. */
public class HttpAdapterReachingIntoPersistence {
  Database database;
}
