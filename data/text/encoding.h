#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace breathline::text {

/// The two encodings Japanese municipal files arrive in.
enum class Encoding {
    Utf8,  ///< UTF-8, with or without a byte-order mark
    Cp932, ///< Windows-31J (Shift_JIS with the NEC and IBM extensions: ①, 髙, 﨑 ...)
};

/// A text conversion or parse failure on bytes a user supplied. `byte_offset()` is the 0-based
/// offset into the *input* of the first byte that could not be handled.
class TextError : public std::runtime_error {
public:
    /// `message` should name what went wrong; the offset is also kept separately for callers
    /// that translate it into a line and column.
    TextError(const std::string& message, std::size_t byte_offset)
        : std::runtime_error(message), m_byte_offset(byte_offset) {}

    /// 0-based byte offset into the input where the problem was found.
    [[nodiscard]] std::size_t byte_offset() const noexcept { return m_byte_offset; }

private:
    std::size_t m_byte_offset;
};

/// The UTF-8 byte-order mark, EF BB BF.
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

/// Guesses the encoding of a whole file. Rule: if `bytes` (after an optional UTF-8 BOM) is
/// entirely well-formed UTF-8 it is Utf8, otherwise Cp932. Pure ASCII and the empty string are
/// therefore Utf8 (they read the same in both). The rule is sound because CP932 text containing
/// any Japanese character is almost never valid UTF-8: its lead bytes 0x81..0x9F and 0xE0..0xFC
/// are followed by bytes that break UTF-8's continuation pattern. A few short CP932 strings
/// (e.g. the half-width katakana pair ﾂｱ = C2 B1) happen to be valid UTF-8, so pass the whole
/// file, not a single field or a prefix (which may also end inside a character). Never throws.
Encoding detect_encoding(std::string_view bytes) noexcept;

/// `bytes` without a leading UTF-8 BOM (unchanged if there is none). Never throws.
std::string_view strip_utf8_bom(std::string_view bytes) noexcept;

/// Converts CP932 bytes to UTF-8 with glibc iconv ("CP932"; plain "SHIFT_JIS" would reject ①
/// and 髙). Throws TextError with the offset of the first byte that is not valid CP932 or of a
/// truncated double-byte character at the end. Thread-safe (each call owns its iconv handle).
std::string cp932_to_utf8(std::string_view cp932);

/// Converts UTF-8 text to CP932, e.g. for exports opened in Japanese Excel. Throws TextError when
/// the input is not valid UTF-8 or holds a character CP932 cannot represent (emoji, 𠮟 ...); the
/// offset is into the UTF-8 input. A leading BOM is converted like any other character, so strip
/// it first. Thread-safe.
std::string utf8_to_cp932(std::string_view utf8);

/// Returns the text of a file as UTF-8 without BOM, whichever of the two encodings it was in
/// (detect_encoding() rule). Throws TextError when it is neither valid UTF-8 nor valid CP932.
std::string decode_to_utf8(std::string_view bytes);

/// "UTF-8" or "CP932", for messages.
std::string_view to_string(Encoding encoding) noexcept;

} // namespace breathline::text
