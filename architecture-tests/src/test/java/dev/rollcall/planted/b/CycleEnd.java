package dev.rollcall.planted.b;

import dev.rollcall.planted.a.CycleStart;

/** Planted violation: the other half of a package cycle. */
public class CycleEnd {
  CycleStart back;
}
