#include "data/text/encoding.h"
#include "data/text/normalize.h"

#include <gtest/gtest.h>

namespace breathline::text {
namespace {

TEST(ToHalfwidthAscii, FoldsFullWidthAsciiRange) {
    EXPECT_EQ(to_halfwidth_ascii("０１２３４５６７８９"), "0123456789");
    EXPECT_EQ(to_halfwidth_ascii("ＡＢＣｘｙｚ"), "ABCxyz");
    EXPECT_EQ(
        to_halfwidth_ascii("！＂＃＄％＆＇（）＊＋，－．／：；＜＝＞？＠［＼］＾＿｀｛｜｝～"),
        "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
    EXPECT_EQ(to_halfwidth_ascii("巣鴨３－１４－１"), "巣鴨3-14-1");
}

TEST(ToHalfwidthAscii, IdeographicSpaceBecomesSpace) {
    EXPECT_EQ(to_halfwidth_ascii("豊島　太郎"), "豊島 太郎");
}

TEST(ToHalfwidthAscii, DashLookAlikesBecomeHyphen) {
    for (const std::string dash : {"−", "‐", "‑", "‒", "–", "—", "―", "－", "﹣"}) {
        EXPECT_EQ(to_halfwidth_ascii("3" + dash + "14"), "3-14") << dash;
    }
}

TEST(ToHalfwidthAscii, ProlongedSoundMarkOnlyBetweenDigits) {
    EXPECT_EQ(to_halfwidth_ascii("3ー14ー1"), "3-14-1");
    EXPECT_EQ(to_halfwidth_ascii("３ー１４"), "3-14");
    EXPECT_EQ(to_halfwidth_ascii("3ｰ14"), "3-14");
    EXPECT_EQ(to_halfwidth_ascii("コーポ豊島"), "コーポ豊島");
    EXPECT_EQ(to_halfwidth_ascii("ｺｰﾎﾟ"), "ｺｰﾎﾟ");
    EXPECT_EQ(to_halfwidth_ascii("3ーポ"), "3ーポ");
    EXPECT_EQ(to_halfwidth_ascii("ー3"), "ー3");
    EXPECT_EQ(to_halfwidth_ascii("3ー"), "3ー");
}

TEST(ToHalfwidthAscii, LeavesKanaKanjiAndAsciiIntact) {
    const std::string text = "髙橋 ① ｱｲｳ かな カナ 巣鴨 abc-123 ￥";
    EXPECT_EQ(to_halfwidth_ascii(text), text);
    EXPECT_EQ(to_halfwidth_ascii(""), "");
}

TEST(ToHalfwidthAscii, InvalidUtf8Throws) {
    try {
        (void)to_halfwidth_ascii("ab\x93\x8C");
        FAIL();
    } catch (const TextError& error) {
        EXPECT_EQ(error.byte_offset(), 2U);
    }
}

TEST(Trim, RemovesAsciiAndIdeographicWhitespace) {
    EXPECT_EQ(trim("  巣鴨 \t\r\n"), "巣鴨");
    EXPECT_EQ(trim("　巣鴨　"), "巣鴨");
    EXPECT_EQ(trim("　 \t　"), "");
    EXPECT_EQ(trim(""), "");
    EXPECT_EQ(trim("豊島　区"), "豊島　区");
    EXPECT_EQ(trim(" a b "), "a b");
}

TEST(KanjiNumber, ParsesMultiplierForm) {
    EXPECT_EQ(parse_kanji_number("一"), 1);
    EXPECT_EQ(parse_kanji_number("九"), 9);
    EXPECT_EQ(parse_kanji_number("十"), 10);
    EXPECT_EQ(parse_kanji_number("十一"), 11);
    EXPECT_EQ(parse_kanji_number("十四"), 14);
    EXPECT_EQ(parse_kanji_number("二十"), 20);
    EXPECT_EQ(parse_kanji_number("二十四"), 24);
    EXPECT_EQ(parse_kanji_number("三十一"), 31);
    EXPECT_EQ(parse_kanji_number("九十九"), 99);
    EXPECT_EQ(parse_kanji_number("百"), 100);
    EXPECT_EQ(parse_kanji_number("二千二十一"), 2021);
    EXPECT_EQ(parse_kanji_number("千九百八十九"), 1989);
}

TEST(KanjiNumber, ParsesPositionalForm) {
    EXPECT_EQ(parse_kanji_number("二〇二一"), 2021);
    EXPECT_EQ(parse_kanji_number("〇"), 0);
    EXPECT_EQ(parse_kanji_number("一九"), 19);
}

TEST(KanjiNumber, RejectsMalformed) {
    EXPECT_FALSE(parse_kanji_number(""));
    EXPECT_FALSE(parse_kanji_number("十十"));
    EXPECT_FALSE(parse_kanji_number("十百"));
    EXPECT_FALSE(parse_kanji_number("三四十"));
    EXPECT_FALSE(parse_kanji_number("一二三四五"));
    EXPECT_FALSE(parse_kanji_number("十a"));
    EXPECT_FALSE(parse_kanji_number("14"));
    EXPECT_FALSE(parse_kanji_number("\xFF"));
}

TEST(KanjiNumber, WritesAndRoundTrips) {
    EXPECT_EQ(to_kanji_number(0), "〇");
    EXPECT_EQ(to_kanji_number(1), "一");
    EXPECT_EQ(to_kanji_number(10), "十");
    EXPECT_EQ(to_kanji_number(14), "十四");
    EXPECT_EQ(to_kanji_number(20), "二十");
    EXPECT_EQ(to_kanji_number(99), "九十九");
    EXPECT_EQ(to_kanji_number(2021), "二千二十一");
    EXPECT_EQ(to_kanji_number(-1), "");
    EXPECT_EQ(to_kanji_number(10000), "");
    for (int value = 0; value <= 9999; ++value) {
        ASSERT_EQ(parse_kanji_number(to_kanji_number(value)), value) << value;
    }
}

} // namespace
} // namespace breathline::text
