package dev.rollcall.domain;

import java.util.Optional;

/**
 * The registration state of a workspace, one record per state. Transitions exist only on the states
 * that allow them: a card can be attached only once a token is live ({@link Registered}).
 */
public sealed interface Registration permits Registration.Unregistered, Registration.Registered {

  RegistrationState state();

  Optional<LiveToken> liveToken();

  Optional<StoredCard> storedCard();

  Optional<CardRejection> rejection();

  /** Puts {@code token} in place as the one live token, revoking any earlier one. */
  Registered withToken(LiveToken token);

  /** No live token and no card. */
  record Unregistered() implements Registration {
    @Override
    public RegistrationState state() {
      return RegistrationState.UNREGISTERED;
    }

    @Override
    public Optional<LiveToken> liveToken() {
      return Optional.empty();
    }

    @Override
    public Optional<StoredCard> storedCard() {
      return Optional.empty();
    }

    @Override
    public Optional<CardRejection> rejection() {
      return Optional.empty();
    }

    @Override
    public Registered withToken(LiveToken token) {
      return new RegisteredNoCard(token, Optional.empty());
    }
  }

  /** A live token is on file; the card may or may not be. */
  sealed interface Registered extends Registration permits RegisteredNoCard, Complete {
    LiveToken token();

    @Override
    default Optional<LiveToken> liveToken() {
      return Optional.of(token());
    }

    /** Stores {@code card} as the workspace's current card. */
    Complete attach(StoredCard card);

    /** The same state with the live token replaced by {@code token}. */
    Registered withLiveToken(LiveToken token);

    @Override
    default Registered withToken(LiveToken token) {
      return withLiveToken(token);
    }

    default Unregistered revoke() {
      return new Unregistered();
    }
  }

  /** A live token, and no current card (none yet, or the last one was refused). */
  record RegisteredNoCard(LiveToken token, Optional<CardRejection> rejection)
      implements Registered {
    public RegisteredNoCard {
      java.util.Objects.requireNonNull(token, "token");
      java.util.Objects.requireNonNull(rejection, "rejection");
    }

    @Override
    public RegistrationState state() {
      return RegistrationState.REGISTERED_NO_CARD;
    }

    @Override
    public Optional<StoredCard> storedCard() {
      return Optional.empty();
    }

    @Override
    public Complete attach(StoredCard card) {
      return new Complete(token, card);
    }

    /** Records why the runtime's card was refused, so that the reason is visible. */
    public RegisteredNoCard reject(CardRejection rejection) {
      return new RegisteredNoCard(token, Optional.of(rejection));
    }

    @Override
    public RegisteredNoCard withLiveToken(LiveToken newToken) {
      return new RegisteredNoCard(newToken, rejection);
    }
  }

  /** A live token and the runtime's current card: the goal state. */
  record Complete(LiveToken token, StoredCard card) implements Registered {
    public Complete {
      java.util.Objects.requireNonNull(token, "token");
      java.util.Objects.requireNonNull(card, "card");
    }

    @Override
    public RegistrationState state() {
      return RegistrationState.COMPLETE;
    }

    @Override
    public Optional<StoredCard> storedCard() {
      return Optional.of(card);
    }

    @Override
    public Optional<CardRejection> rejection() {
      return Optional.empty();
    }

    @Override
    public Complete attach(StoredCard newCard) {
      return new Complete(token, newCard);
    }

    @Override
    public Complete withLiveToken(LiveToken newToken) {
      return new Complete(newToken, card);
    }
  }
}
