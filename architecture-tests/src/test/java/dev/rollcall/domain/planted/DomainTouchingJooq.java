package dev.rollcall.domain.planted;

import org.jooq.DSLContext;

/** Planted violation: a domain class that knows the database. */
public class DomainTouchingJooq {
  DSLContext dsl;
}
