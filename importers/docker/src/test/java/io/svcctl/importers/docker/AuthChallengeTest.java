package io.svcctl.importers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void parsesDockerHubsBearerChallenge() {
        List<AuthChallenge> parsed = AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\","
                + "service=\"registry.docker.io\",scope=\"repository:library/busybox:pull\"");
        assertThat(parsed).containsExactly(new AuthChallenge("bearer", Map.of(
                "realm", "https://auth.docker.io/token",
                "service", "registry.docker.io",
                "scope", "repository:library/busybox:pull")));
    }

    @Test
    void parsesBasicAndUnquotedAndEscapedValuesAndSeveralChallenges() {
        assertThat(AuthChallenge.parse("Basic realm=\"Registry Realm\""))
                .containsExactly(new AuthChallenge("basic", Map.of("realm", "Registry Realm")));
        assertThat(AuthChallenge.parse("BEARER Realm=http://10.0.0.1:5001/token , Service=reg"))
                .containsExactly(new AuthChallenge("bearer", Map.of("realm", "http://10.0.0.1:5001/token", "service", "reg")));
        assertThat(AuthChallenge.parse("Bearer realm=\"a\\\"b\", error=\"insufficient_scope\""))
                .containsExactly(new AuthChallenge("bearer", Map.of("realm", "a\"b", "error", "insufficient_scope")));
        assertThat(AuthChallenge.parse("Basic realm=\"x\", Bearer realm=\"https://t/token\",service=\"s\""))
                .containsExactly(new AuthChallenge("basic", Map.of("realm", "x")),
                        new AuthChallenge("bearer", Map.of("realm", "https://t/token", "service", "s")));
        assertThat(AuthChallenge.parse("Basic")).containsExactly(new AuthChallenge("basic", Map.of()));
    }

    @Test
    void refusesMalformedHeaders() {
        assertThatThrownBy(() -> AuthChallenge.parse("Bearer realm=\"unterminated")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> AuthChallenge.parse("=x")).hasMessageContaining("malformed");
    }

    @Test
    void bearerIsPreferredOverBasic() {
        assertThat(RegistryAuthenticator.choose(List.of("Basic realm=\"r\"", "Bearer realm=\"https://t\"")))
                .hasValueSatisfying(c -> assertThat(c.scheme()).isEqualTo("bearer"));
        assertThat(RegistryAuthenticator.choose(List.of("Negotiate", "Basic realm=\"r\"")))
                .hasValueSatisfying(c -> assertThat(c.scheme()).isEqualTo("basic"));
        assertThat(RegistryAuthenticator.choose(List.of("Negotiate abc"))).isEmpty();
    }

    @Test
    void tokenRequestsAndAnswers() throws ImportException {
        assertThat(TokenFetcher.tokenUri("https://auth.docker.io/token", "registry.docker.io", "repository:library/busybox:pull"))
                .hasToString("https://auth.docker.io/token?service=registry.docker.io&scope=repository%3Alibrary%2Fbusybox%3Apull");
        assertThat(TokenFetcher.tokenUri("https://t/token?x=1", null, "s")).hasToString("https://t/token?x=1&scope=s");
        assertThat(TokenFetcher.parse("{\"token\":\"abc\",\"expires_in\":300}".getBytes(), "test"))
                .isEqualTo(new TokenFetcher.Token("abc", java.time.Duration.ofSeconds(300)));
        assertThat(TokenFetcher.parse("{\"access_token\":\"xyz\"}".getBytes(), "test").value()).isEqualTo("xyz");
        assertThat(TokenFetcher.parse("{\"access_token\":\"xyz\"}".getBytes(), "test").lifetime())
                .isEqualTo(TokenFetcher.DEFAULT_LIFETIME);
        assertThatThrownBy(() -> TokenFetcher.parse("{}".getBytes(), "getting a token")).hasMessageContaining("holds no token");
    }

    @Test
    void credentialsFollowRedirectsOnlyToTheSameOrigin() {
        java.net.URI registry = java.net.URI.create("https://reg.example.com/v2/x/blobs/sha256:1");
        assertThat(HttpTransport.sameOrigin(registry, java.net.URI.create("https://reg.example.com:443/other"))).isTrue();
        assertThat(HttpTransport.sameOrigin(registry, java.net.URI.create("https://s3.example.com/b"))).isFalse();
        assertThat(HttpTransport.sameOrigin(registry, java.net.URI.create("https://reg.example.com:8443/b"))).isFalse();
        assertThat(HttpTransport.sameOrigin(registry, java.net.URI.create("http://reg.example.com/b"))).isFalse();
        assertThat(HttpTransport.sameOrigin(java.net.URI.create("http://127.0.0.1:5000/v2/"),
                java.net.URI.create("http://localhost:5000/v2/"))).isFalse();
    }

    @Test
    void credentialsNeverShowTheirSecret() {
        Credentials c = Credentials.parse("user:pa:ss");
        assertThat(c.password()).isEqualTo("pa:ss");
        assertThat(c.toString()).isEqualTo("user:***");
        assertThat(c.basicAuthorization()).isEqualTo("Basic dXNlcjpwYTpzcw==");
        assertThatThrownBy(() -> Credentials.parse("nopassword")).hasMessageContaining("USER:PASSWORD");
    }
}
