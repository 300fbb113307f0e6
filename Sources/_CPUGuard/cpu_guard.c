// A vector build of Prognos (Package.swift: `PrognosCore` compiled with -target-cpu haswell
// because the building machine has AVX2) must not run on a processor without it: the first
// vector instruction would kill the process with SIGILL, no message, no exit code of ours.
// This constructor runs before `main` and before any Swift code, is compiled for baseline
// x86-64 itself, and stops such a run with exit code 70 and a sentence saying what to do.
#include "prognos_cpu_guard.h"

#if defined(PROGNOS_VECTOR_BUILD) && defined(__x86_64__)
#include <cpuid.h>
#include <string.h>
#include <unistd.h>

/// Whether the processor and the operating system give every instruction -target-cpu haswell
/// may emit: AVX and AVX2 with the YMM state enabled by the OS (XGETBV), FMA, F16C, MOVBE,
/// POPCNT, BMI1, BMI2 and LZCNT (cpuid leaves 1, 7 and 0x80000001, Intel SDM vol. 2A).
static int haswell_level(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const unsigned fma = 1u << 12, movbe = 1u << 22, popcnt = 1u << 23, osxsave = 1u << 27, avx = 1u << 28, f16c = 1u << 29;
    const unsigned leaf1 = fma | movbe | popcnt | osxsave | avx | f16c;
    if ((c & leaf1) != leaf1) return 0;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 0x6) != 0x6) return 0;    // XMM and YMM state saved by the OS
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    const unsigned bmi1 = 1u << 3, avx2 = 1u << 5, bmi2 = 1u << 8;
    if ((b & (bmi1 | avx2 | bmi2)) != (bmi1 | avx2 | bmi2)) return 0;
    if (!__get_cpuid(0x80000001, &a, &b, &c, &d)) return 0;
    return (c & (1u << 5)) != 0;        // LZCNT (ABM)
}

/// English when the command line says `--lang en` (or `--lang=en`), Swedish otherwise, as
/// every other message of the CLI.
static int english(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--lang=en") == 0) return 1;
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc && strcmp(argv[i + 1], "en") == 0) return 1;
    }
    return 0;
}

__attribute__((constructor)) static void prognos_cpu_guard(int argc, char **argv, char **envp) {
    (void)envp;
    if (haswell_level()) return;
    const char *text = english(argc, argv)
        ? "error: this build of prognos needs a processor with AVX2 (x86-64 from about 2013 on); "
          "build it on this machine (swift build -c release), or anywhere with PROGNOS_PORTABLE=1\n"
        : "fel: det här bygget av prognos kräver en processor med AVX2 (x86-64 från omkring 2013); "
          "bygg det på den här datorn (swift build -c release), eller var som helst med PROGNOS_PORTABLE=1\n";
    ssize_t ignored = write(2, text, strlen(text));
    (void)ignored;
    _exit(70);
}
#endif
