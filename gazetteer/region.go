package gazetteer

// arabLeague holds the ISO 3166-1 alpha-2 codes of the 22 members of the
// Arab League.
var arabLeague = map[string]bool{
	"DZ": true, "BH": true, "KM": true, "DJ": true, "EG": true, "IQ": true, "JO": true, "KW": true,
	"LB": true, "LY": true, "MR": true, "MA": true, "OM": true, "PS": true, "QA": true, "SA": true,
	"SO": true, "SD": true, "SY": true, "TN": true, "AE": true, "YE": true,
}

// ArabLeague reports whether country, an ISO 3166-1 alpha-2 code in
// capitals (an [Entry]'s Country), is one of the 22 members of the Arab
// League: Algeria, Bahrain, the Comoros, Djibouti, Egypt, Iraq, Jordan,
// Kuwait, Lebanon, Libya, Mauritania, Morocco, Oman, Palestine, Qatar,
// Saudi Arabia, Somalia, Sudan, Syria, Tunisia, the United Arab Emirates
// and Yemen.
func ArabLeague(country string) bool { return arabLeague[country] }
