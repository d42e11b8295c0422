#include "data/text/utf8.h"

#include <gtest/gtest.h>

namespace breathline::text::utf8 {
namespace {

TEST(Utf8, DecodesOneToFourByteSequences) {
    const std::string text = "a\xC3\xA9\xE5\xB7\xA3\xF0\x9F\x9A\x91"; // a é 巣 🚑
    auto a = decode_at(text, 0);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->code_point, U'a');
    EXPECT_EQ(a->length, 1U);
    auto e = decode_at(text, 1);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->code_point, U'é');
    EXPECT_EQ(e->length, 2U);
    auto su = decode_at(text, 3);
    ASSERT_TRUE(su);
    EXPECT_EQ(su->code_point, U'巣');
    EXPECT_EQ(su->length, 3U);
    auto ambulance = decode_at(text, 6);
    ASSERT_TRUE(ambulance);
    EXPECT_EQ(ambulance->code_point, U'\U0001F691');
    EXPECT_EQ(ambulance->length, 4U);
    EXPECT_FALSE(decode_at(text, text.size()));
}

TEST(Utf8, RejectsIllFormedSequences) {
    EXPECT_FALSE(decode_at("\x80", 0));             // stray continuation
    EXPECT_FALSE(decode_at("\xC0\xAF", 0));         // overlong '/'
    EXPECT_FALSE(decode_at("\xE0\x80\xAF", 0));     // overlong
    EXPECT_FALSE(decode_at("\xED\xA0\x80", 0));     // surrogate U+D800
    EXPECT_FALSE(decode_at("\xF4\x90\x80\x80", 0)); // above U+10FFFF
    EXPECT_FALSE(decode_at("\xE5\xB7", 0));         // truncated
    EXPECT_FALSE(decode_at("\xFF", 0));
}

TEST(Utf8, FindInvalidReportsFirstBadOffset) {
    EXPECT_FALSE(find_invalid(""));
    EXPECT_FALSE(find_invalid("巣鴨3-14-1"));
    EXPECT_EQ(find_invalid("ab\x82\xA0"), 2U);
    EXPECT_EQ(find_invalid("巣\xE5"), 3U);
    EXPECT_TRUE(is_valid("令和"));
    EXPECT_FALSE(is_valid("\x93\x8C\x8B\x9E")); // 東京 in CP932
}

TEST(Utf8, EncodesAndRoundTrips) {
    for (const char32_t cp :
         {U'\0', U'A', U'\u00E9', U'\u3000', U'\uFF10', U'\U0001F691', U'\U0010FFFF'}) {
        const std::string bytes = encode(cp);
        const auto decoded = decode_at(bytes, 0);
        ASSERT_TRUE(decoded) << static_cast<unsigned>(cp);
        EXPECT_EQ(decoded->code_point, cp);
        EXPECT_EQ(decoded->length, bytes.size());
    }
    EXPECT_EQ(encode(0xD800), "\xEF\xBF\xBD"); // surrogate becomes U+FFFD
    EXPECT_EQ(encode(0x110000), "\xEF\xBF\xBD");
}

} // namespace
} // namespace breathline::text::utf8
