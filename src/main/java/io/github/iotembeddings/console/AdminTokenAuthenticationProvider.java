package io.github.iotembeddings.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Signs in whoever presents the admin token, the one secret the admin API takes too; there are no user
 * accounts. The comparison takes the same time however much of the token matches. With no token
 * configured nobody can sign in (the sign-in page says how to turn the console on).
 */
class AdminTokenAuthenticationProvider implements AuthenticationProvider {

	static final String OPERATOR = "operator";

	private final byte @Nullable [] token;

	AdminTokenAuthenticationProvider(@Nullable String token) {
		this.token = (token != null && !token.isBlank()) ? token.getBytes(StandardCharsets.UTF_8) : null;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Object credentials = authentication.getCredentials();
		byte[] presented = String.valueOf(credentials).getBytes(StandardCharsets.UTF_8);
		if (token == null || credentials == null || !MessageDigest.isEqual(presented, token)) {
			throw new BadCredentialsException("wrong admin token");
		}
		return UsernamePasswordAuthenticationToken.authenticated(OPERATOR, null,
				List.of(new SimpleGrantedAuthority("ROLE_OPERATOR")));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
