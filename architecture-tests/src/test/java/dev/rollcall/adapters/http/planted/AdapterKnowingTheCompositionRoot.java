package dev.rollcall.adapters.http.planted;

import dev.rollcall.app.RegistryServer;

/** Planted violation: an adapter depending on the composition root. */
public class AdapterKnowingTheCompositionRoot {
  RegistryServer server;
}
