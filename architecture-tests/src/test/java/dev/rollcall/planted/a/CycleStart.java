package dev.rollcall.planted.a;

import dev.rollcall.planted.b.CycleEnd;

/** Planted violation: half of a package cycle. */
public class CycleStart {
  CycleEnd next;
}
