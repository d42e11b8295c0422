#include "data/text/encoding.h"

#include "data/text/utf8.h"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <iconv.h>

namespace breathline::text {

namespace {

// Owns one iconv conversion descriptor; iconv_t is not copyable state, so neither is this.
class IconvHandle {
public:
    IconvHandle(const char* to_code, const char* from_code) : m_cd(iconv_open(to_code, from_code)) {
        if (m_cd == invalid_handle()) {
            throw std::runtime_error(std::string("iconv cannot convert from ") + from_code +
                                     " to " + to_code + " on this system (glibc gconv missing?)");
        }
    }
    IconvHandle(const IconvHandle&) = delete;
    IconvHandle& operator=(const IconvHandle&) = delete;
    ~IconvHandle() { iconv_close(m_cd); }

    [[nodiscard]] iconv_t get() const noexcept { return m_cd; }

private:
    // iconv_open reports failure as (iconv_t)-1.
    static iconv_t invalid_handle() noexcept {
        return reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1));
    }

    iconv_t m_cd;
};

struct ConvertFailure {
    int error = 0;          // errno from iconv: EILSEQ or EINVAL
    std::size_t offset = 0; // input bytes consumed before the failure
};

// Converts all of `input`; on failure returns false and fills `failure`.
bool convert(const char* to_code, const char* from_code, std::string_view input,
             std::string& output, ConvertFailure& failure) {
    IconvHandle handle(to_code, from_code);
    output.clear();
    // CP932 → UTF-8 grows at most 3/2 per character; start there to avoid most regrowth.
    output.resize(input.size() + input.size() / 2 + 16);

    // POSIX declares the input as char** although iconv never writes through it.
    char* in = const_cast<char*>(input.data());
    std::size_t in_left = input.size();
    std::size_t out_used = 0;
    bool flushing = false;
    for (;;) {
        char* out = output.data() + out_used;
        std::size_t out_left = output.size() - out_used;
        const std::size_t rc = flushing ? iconv(handle.get(), nullptr, nullptr, &out, &out_left)
                                        : iconv(handle.get(), &in, &in_left, &out, &out_left);
        out_used = output.size() - out_left;
        if (rc != static_cast<std::size_t>(-1)) {
            if (flushing) break;
            flushing = true; // emit any shift sequence (none for CP932, but it is the contract)
            continue;
        }
        if (errno == E2BIG) {
            output.resize(output.size() * 2 + 16);
            continue;
        }
        failure.error = errno;
        failure.offset = input.size() - in_left;
        return false;
    }
    output.resize(out_used);
    return true;
}

std::string hex_bytes(std::string_view input, std::size_t offset, std::size_t count) {
    std::string text;
    for (std::size_t i = offset; i < input.size() && i < offset + count; ++i) {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "%s0x%02X", text.empty() ? "" : " ",
                      static_cast<unsigned>(static_cast<unsigned char>(input[i])));
        text += buffer;
    }
    return text;
}

} // namespace

Encoding detect_encoding(std::string_view bytes) noexcept {
    return utf8::is_valid(strip_utf8_bom(bytes)) ? Encoding::Utf8 : Encoding::Cp932;
}

std::string_view strip_utf8_bom(std::string_view bytes) noexcept {
    if (bytes.starts_with(utf8_bom)) bytes.remove_prefix(utf8_bom.size());
    return bytes;
}

std::string cp932_to_utf8(std::string_view cp932) {
    std::string output;
    ConvertFailure failure;
    if (convert("UTF-8", "CP932", cp932, output, failure)) return output;
    const std::string where = " at byte offset " + std::to_string(failure.offset) + " (" +
                              hex_bytes(cp932, failure.offset, 2) + ")";
    if (failure.error == EINVAL) {
        throw TextError("truncated CP932 character at end of input" + where, failure.offset);
    }
    throw TextError("invalid CP932 byte sequence" + where + "; is the file really Shift_JIS/CP932?",
                    failure.offset);
}

std::string utf8_to_cp932(std::string_view utf8_text) {
    // Validate first so that iconv's EILSEQ can only mean "no CP932 equivalent".
    if (const auto bad = utf8::find_invalid(utf8_text)) {
        throw TextError("invalid UTF-8 at byte offset " + std::to_string(*bad) + " (" +
                            hex_bytes(utf8_text, *bad, 4) + ")",
                        *bad);
    }
    std::string output;
    ConvertFailure failure;
    if (convert("CP932", "UTF-8", utf8_text, output, failure)) return output;
    std::string character = "?";
    std::string code = "";
    if (const auto decoded = utf8::decode_at(utf8_text, failure.offset)) {
        character = std::string(utf8_text.substr(failure.offset, decoded->length));
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, " U+%04X", static_cast<unsigned>(decoded->code_point));
        code = buffer;
    }
    throw TextError("character '" + character + "'" + code +
                        " cannot be represented in CP932 at byte offset " +
                        std::to_string(failure.offset) + "; replace it or export as UTF-8",
                    failure.offset);
}

std::string decode_to_utf8(std::string_view bytes) {
    const std::string_view body = strip_utf8_bom(bytes);
    if (utf8::is_valid(body)) return std::string(body);
    return cp932_to_utf8(bytes);
}

std::string_view to_string(Encoding encoding) noexcept {
    switch (encoding) {
    case Encoding::Utf8:
        return "UTF-8";
    case Encoding::Cp932:
        return "CP932";
    }
    return "unknown";
}

} // namespace breathline::text
