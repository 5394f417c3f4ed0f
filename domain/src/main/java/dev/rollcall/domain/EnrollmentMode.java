package dev.rollcall.domain;

/** Who may obtain a first token: anyone ({@code OPEN}, for a laptop) or key holders only. */
public enum EnrollmentMode {
  OPEN,
  ENROLLED
}
