package dev.rollcall.application.port.in;

/** Whether a workspace's runtime has been in contact within the liveness TTL. */
public enum Liveness {
  ONLINE,
  OFFLINE
}
