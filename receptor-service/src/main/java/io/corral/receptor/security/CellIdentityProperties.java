package io.corral.receptor.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Whether a cell's token binds it to one cell ({@link CellIdentityCheck}).
 *
 * @param claim the token claim naming the cell the token belongs to
 * @param binding how the claim is enforced on {@code /v1/cells/{cell_id}} and below:
 * {@code if-claimed} (the default) binds a token carrying the claim to its cell and lets
 * a token without it act as any cell; {@code required} also refuses tokens without the
 * claim; {@code off} ignores the claim (the {@code embedded} profile's default)
 */
@Validated
@ConfigurationProperties("corral.security.cell-identity")
public record CellIdentityProperties(@NotBlank String claim, @NotNull Binding binding) {

    public CellIdentityProperties {
        claim = claim == null ? "cell_id" : claim;
        binding = binding == null ? Binding.IF_CLAIMED : binding;
    }

    public enum Binding {

        OFF, IF_CLAIMED, REQUIRED

    }

}
