package dev.rollcall.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** Writes answers as JSON (and problems as problem+json). Thread-safe. */
final class Json {
  private final ObjectMapper mapper;

  Json(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  void write(Context ctx, int status, Object body) {
    write(ctx, status, body, "application/json");
  }

  void problem(Context ctx, Problem problem) {
    if (problem.retryAfterSeconds() != null) {
      ctx.header("Retry-After", String.valueOf(problem.retryAfterSeconds()));
    }
    if (problem.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    write(ctx, problem.status(), problem.body(ctx.path()), "application/problem+json");
  }

  private void write(Context ctx, int status, Object body, String contentType) {
    try {
      ctx.status(status).contentType(contentType).result(mapper.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("answers are always serialisable", e);
    }
  }
}
