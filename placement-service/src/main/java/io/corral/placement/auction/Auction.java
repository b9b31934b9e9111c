package io.corral.placement.auction;

/** Places work on cells by DESIGN.md's rules. Plain Java: no Spring, JPA or HTTP. */
public final class Auction {

    public AuctionResult run(AuctionInput input) {
        throw new UnsupportedOperationException("being written");
    }
}
