package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

@SameOnEveryDatabase
class SearchRequestTest {

    @Test
    void anAddressEncodesEveryNameAndValueAsAFormWould() {
        List<String> values = List.of("stalin", "ciphered-telegram", "kim_il.sung*", "Kim Il Sung", "a&b=c",
                "100%", "zhou+enlai", "Ğdańsk", "tilde~", "\"soviet government\"", "1950");
        for (String value : values) {
            SearchRequest request = SearchRequest.of(value).toggle(Facet.PERSON, value);
            String expected = List.of("q", "person").stream()
                    .map(name -> name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            assertEquals(expected, request.toQueryString(), value);
        }
    }
}
