// The enrolment QR code, drawn by the server as SVG with libqrencode (Debian's libqrencode-dev).
#include <qrencode.h>

#include <memory>
#include <stdexcept>

#include "auth/totp.hpp"
#include "print/escape.hpp"

namespace tsunagu::auth {

std::string QrSvg(const std::string& text, const std::string& label) {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1),
                                                       &QRcode_free);
    if (!qr) throw std::runtime_error("QR encoding failed");
    const int w = qr->width;
    const int quiet = 4;
    const int size = w + 2 * quiet;
    std::string path;
    for (int y = 0; y < w; ++y)
        for (int x = 0; x < w; ++x)
            if (qr->data[y * w + x] & 1) {
                // Appended piece by piece: `"M" + std::to_string(…)` trips gcc 12's -Wrestrict (a false positive).
                path += 'M';
                path += std::to_string(x + quiet);
                path += ' ';
                path += std::to_string(y + quiet);
                path += "h1v1h-1z";
            }
    const std::string n = std::to_string(size);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n +
           "\" width=\"240\" height=\"240\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"" +
           print::Escape(label) + "\"><rect width=\"" + n + "\" height=\"" + n +
           "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace tsunagu::auth
