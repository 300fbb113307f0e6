// Thin shim over libxlsxwriter (Debian's libxlsxwriter-dev, 1.1.4) for Prognos: the only
// Swift file that sees it is PrognosCore/Output/XLSX.swift.
#ifndef PROGNOS_CXLSX_SHIM_H
#define PROGNOS_CXLSX_SHIM_H

#include <xlsxwriter.h>

#endif
