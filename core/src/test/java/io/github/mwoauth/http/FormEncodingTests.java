package io.github.mwoauth.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormEncodingTests {

    @Test
    void parseWhenEmptyNameOrEmptyPairsThenKeptOrSkipped() {
        assertThat(FormEncoding.parse("")).isEmpty();
        assertThat(FormEncoding.parse("&&")).isEmpty();
        assertThat(FormEncoding.parse("=x")).containsExactly(Parameter.of("", "x"));
        assertThat(FormEncoding.parse("a==b&")).containsExactly(Parameter.of("a", "=b"));
        assertThat(FormEncoding.parse("&a")).containsExactly(Parameter.of("a", ""));
    }

    @Test
    void writeWhenFieldsThenAmpersandsOnlyBetweenThem() {
        assertThat(FormEncoding.write(List.of())).isEmpty();
        assertThat(FormEncoding.write(List.of(Parameter.of("a", "1")))).isEqualTo("a=1");
        assertThat(FormEncoding.write(List.of(Parameter.of("", ""), Parameter.of("b", "x y"), Parameter.of("c", "&"))))
                .isEqualTo("=&b=x%20y&c=%26");
    }

    @Test
    void byteSizeWhenNonAsciiThenUtf8BytesOfNamesAndValues() {
        assertThat(FormEncoding.byteSize(List.of())).isZero();
        assertThat(FormEncoding.byteSize(List.of(Parameter.of("ab", "é"), Parameter.of("€", "xyz")))).isEqualTo(10);
    }
}
