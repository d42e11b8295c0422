#include "data/text/encoding.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace breathline::text {
namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

// "髙橋 ①" in CP932: 髙 FBFC (IBM extension), 橋 8BB4, space, ① 8740 (NEC row 13).
const std::string takahashi_cp932 = "\xFB\xFC\x8B\xB4\x20\x87\x40";

TEST(Encoding, DetectsUtf8IncludingBomAndAscii) {
    EXPECT_EQ(detect_encoding(""), Encoding::Utf8);
    EXPECT_EQ(detect_encoding("id,name\r\n1,abc\r\n"), Encoding::Utf8);
    EXPECT_EQ(detect_encoding("巣鴨3-14-1"), Encoding::Utf8);
    EXPECT_EQ(detect_encoding("\xEF\xBB\xBF巣鴨"), Encoding::Utf8);
    EXPECT_EQ(detect_encoding("\xEF\xBB\xBF"), Encoding::Utf8);
}

TEST(Encoding, DetectsCp932Bytes) {
    EXPECT_EQ(detect_encoding("\x93\x8C\x8B\x9E\x93\x73"), Encoding::Cp932); // 東京都
    EXPECT_EQ(detect_encoding(takahashi_cp932), Encoding::Cp932);
    EXPECT_EQ(detect_encoding("\x82\xA0"), Encoding::Cp932); // あ
    EXPECT_EQ(detect_encoding("\xB1\xB2"), Encoding::Cp932); // ｱｲ half-width katakana
    EXPECT_EQ(detect_encoding(utf8_to_cp932("豊島区南大塚一丁目24番10号")), Encoding::Cp932);
}

TEST(Encoding, StripsBomOnlyAtStart) {
    EXPECT_EQ(strip_utf8_bom("\xEF\xBB\xBF"
                             "abc"),
              "abc");
    EXPECT_EQ(strip_utf8_bom("abc"), "abc");
    EXPECT_EQ(strip_utf8_bom("a\xEF\xBB\xBF"), "a\xEF\xBB\xBF");
    EXPECT_EQ(strip_utf8_bom(""), "");
}

TEST(Encoding, Cp932ToUtf8HandlesVendorExtensions) {
    EXPECT_EQ(cp932_to_utf8(takahashi_cp932), "髙橋 ①");
    EXPECT_EQ(cp932_to_utf8("\x93\x8C\x8B\x9E\x93\x73"), "東京都");
    EXPECT_EQ(cp932_to_utf8(""), "");
    EXPECT_EQ(cp932_to_utf8("abc,123\r\n"), "abc,123\r\n");
}

TEST(Encoding, RoundTripsCharactersPlainShiftJisLacks) {
    for (const std::string text : {"髙橋 ①", "﨑", "山﨑 ② Ⅲ ㈱ №", "ｱｲｳ 半角カナ", "～－"}) {
        const std::string cp932 = utf8_to_cp932(text);
        EXPECT_EQ(detect_encoding(cp932), Encoding::Cp932) << text;
        EXPECT_EQ(cp932_to_utf8(cp932), text);
    }
    EXPECT_EQ(utf8_to_cp932("髙橋 ①"), takahashi_cp932);
    EXPECT_EQ(utf8_to_cp932("﨑").size(), 2U);
}

TEST(Encoding, InvalidCp932ThrowsWithOffset) {
    try {
        (void)cp932_to_utf8("ab\x82\x20"); // lead byte 82 with an invalid trail byte
        FAIL() << "expected TextError";
    } catch (const TextError& error) {
        EXPECT_EQ(error.byte_offset(), 2U);
        EXPECT_NE(std::string(error.what()).find("byte offset 2"), std::string::npos);
    }
}

TEST(Encoding, TruncatedCp932ThrowsWithOffset) {
    try {
        (void)cp932_to_utf8("\x93\x8C\x8B"); // 東 then half of 京
        FAIL() << "expected TextError";
    } catch (const TextError& error) {
        EXPECT_EQ(error.byte_offset(), 2U);
        EXPECT_NE(std::string(error.what()).find("truncated"), std::string::npos);
    }
}

TEST(Encoding, Utf8ToCp932RejectsInvalidUtf8) {
    try {
        (void)utf8_to_cp932("巣鴨\xFF");
        FAIL() << "expected TextError";
    } catch (const TextError& error) {
        EXPECT_EQ(error.byte_offset(), 6U);
        EXPECT_NE(std::string(error.what()).find("invalid UTF-8"), std::string::npos);
    }
}

TEST(Encoding, Utf8ToCp932RejectsUnrepresentableCharacter) {
    try {
        (void)utf8_to_cp932("叱る𠮟る"); // U+20B9F is not in CP932
        FAIL() << "expected TextError";
    } catch (const TextError& error) {
        EXPECT_EQ(error.byte_offset(), 6U);
        EXPECT_NE(std::string(error.what()).find("U+20B9F"), std::string::npos);
    }
    EXPECT_THROW((void)utf8_to_cp932("\U0001F691"), TextError);
}

TEST(Encoding, DecodeToUtf8AcceptsEitherEncoding) {
    EXPECT_EQ(decode_to_utf8("\xEF\xBB\xBF巣鴨"), "巣鴨");
    EXPECT_EQ(decode_to_utf8("巣鴨"), "巣鴨");
    EXPECT_EQ(decode_to_utf8(takahashi_cp932), "髙橋 ①");
    EXPECT_THROW((void)decode_to_utf8("\x82\x20"), TextError);
    EXPECT_EQ(to_string(Encoding::Cp932), "CP932");
    EXPECT_EQ(to_string(Encoding::Utf8), "UTF-8");
}

TEST(Encoding, RealCp932FileMatchesItsUtf8Copy) {
    const std::filesystem::path dir =
        std::filesystem::path(BREATHLINE_TEST_DATA_DIR) / "real/roads";
    const std::string cp932 = read_file(dir / "uxsim_tokyo_arterial_links.cp932.csv");
    const std::string utf8_copy = read_file(dir / "uxsim_tokyo_arterial_links.utf8.csv");
    ASSERT_FALSE(cp932.empty() || utf8_copy.empty())
        << "shared data missing (expected ../shared/data beside the repository)";
    EXPECT_EQ(detect_encoding(cp932), Encoding::Cp932);
    EXPECT_EQ(detect_encoding(utf8_copy), Encoding::Utf8);
    EXPECT_EQ(cp932_to_utf8(cp932), utf8_copy);
    EXPECT_EQ(decode_to_utf8(cp932), utf8_copy);
    EXPECT_EQ(utf8_to_cp932(utf8_copy), cp932);
}

} // namespace
} // namespace breathline::text
