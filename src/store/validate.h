/* Checks of Chinese identifiers: pattern (PCRE2) and check digits. Each returns
 * WG_OK or WG_EINPUT with a translated message that says what is wrong. */
#ifndef WG_VALIDATE_H
#define WG_VALIDATE_H

#include "error.h"

/* 统一社会信用代码 (GB 32100-2015). A well-formed code whose check character
 * is wrong is accepted with *warning set: some genuine old codes fail it. */
int wg_check_uscc(const char *code, const char **warning, wg_error *err);
/* The check character a 17-character USCC prefix should end with, or 0. */
char wg_uscc_check_char(const char *first17);
/* 居民身份证号 (GB 11643): 17 digits, a check digit or X, a real birth date. */
int wg_check_idcard(const char *id, wg_error *err);
char wg_idcard_check_char(const char *first17);
/* Mobile (1[3-9] + 9 digits, optional +86) or fixed line (0 + area code, "-" allowed). */
int wg_check_phone(const char *phone, wg_error *err);
/* 区划代码: 6 (county), 9 (township) or 12 (village) digits. */
int wg_check_region(const char *code, wg_error *err);
/* 医疗机构执业许可证登记号: 22 characters, structure only. */
int wg_check_licence(const char *no, wg_error *err);
/* A grid code usable as a git ref component: letters, digits, '-', '_'. */
int wg_check_gridcode(const char *code, wg_error *err);

/* Mask personal identifiers for lists: "110105********1234", "138****5678". */
void wg_mask(const char *value, char *out, size_t outlen);

#endif
