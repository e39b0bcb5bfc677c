package dev.interlock.policy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UrlTest {
    @Test
    void aSchemeIsALetterThenLettersDigitsPlusDotOrDash() {
        assertEquals("https", Url.parse("HTTPS://API.example.com:8443/v1", "http").scheme());
        assertEquals(8443, Url.parse("HTTPS://API.example.com:8443/v1", "http").port());
        assertEquals("git+ssh", Url.parse("git+ssh://host/repo", "https").scheme());
        assertEquals("web.v2-x", Url.parse("web.v2-x://host/", "https").scheme());
        // not schemes: the default applies and the text is read as host and path
        assertEquals("https", Url.parse("1http://host/x", "https").scheme());
        assertEquals("https", Url.parse("bad_scheme://host/x", "https").scheme());
        assertEquals("https", Url.parse("-x://host/x", "https").scheme());
        assertEquals("api.example.com", Url.parse("//api.example.com/v1", "https").host());
        assertEquals(443, Url.parse("//api.example.com/v1", "https").port());
    }
}
