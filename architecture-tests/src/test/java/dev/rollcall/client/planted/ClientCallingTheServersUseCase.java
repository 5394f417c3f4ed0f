package dev.rollcall.client.planted;

import dev.rollcall.application.service.EnsureCardAndTokenService;

/** Planted violation: the runtime client reaching into the registry's application layer. */
public class ClientCallingTheServersUseCase {
  EnsureCardAndTokenService service;
}
