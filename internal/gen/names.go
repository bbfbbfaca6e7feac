package gen

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Vietnamese family, middle and given names with their diacritics; a German
// report writes them without (as "Truong Thi Mai" for Trương Thị Mai).
var (
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
		"Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Đoàn", "Lương", "Mai", "Tạ", "Quách", "Lại"}
	maleMiddle   = []string{"Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Xuân", "Đình", "Công", "Mạnh", "Tiến"}
	femaleMiddle = []string{"Thị", "Thu", "Ngọc", "Thanh", "Kim", "Minh", "Hồng"}
	maleGiven    = []string{"Hải", "Tuấn", "Dũng", "Hùng", "Thắng", "Quyết", "Bình", "Cường", "Đông", "Nam",
		"Sơn", "Trọng", "Phúc", "Khánh", "Long", "Vượng", "Thưởng", "Huệ", "Chính", "Định", "Lộc", "Tùng"}
	femaleGiven = []string{"Mai", "Hương", "Lan", "Phương", "Thủy", "Hà", "Hằng", "Nga", "Yến", "Liên",
		"Thảo", "Trang", "Ngân", "Oanh", "Diệu", "Quyên", "Hạnh", "Dung"}
)

// province is a Vietnamese province with some of its districts.
type province struct {
	vi        string
	districts []string
}

var provinces = []province{
	{"Thái Bình", []string{"Đông Hưng", "Kiến Xương", "Tiền Hải", "Vũ Thư", "Quỳnh Phụ", "Hưng Hà", "Thái Thụy"}},
	{"Nam Định", []string{"Hải Hậu", "Xuân Trường", "Giao Thủy", "Ý Yên", "Nghĩa Hưng", "Vụ Bản"}},
	{"Hà Nam", []string{"Thanh Liêm", "Lý Nhân", "Bình Lục", "Kim Bảng", "Duy Tiên"}},
	{"Ninh Bình", []string{"Gia Viễn", "Hoa Lư", "Kim Sơn", "Nho Quan", "Yên Khánh"}},
	{"Thanh Hóa", []string{"Hoằng Hóa", "Quảng Xương", "Tĩnh Gia", "Thọ Xuân", "Nga Sơn", "Hậu Lộc"}},
	{"Nghệ An", []string{"Diễn Châu", "Quỳnh Lưu", "Yên Thành", "Đô Lương", "Nam Đàn", "Hưng Nguyên"}},
	{"Hà Tĩnh", []string{"Can Lộc", "Đức Thọ", "Hương Sơn", "Thạch Hà", "Cẩm Xuyên"}},
	{"Quảng Bình", []string{"Bố Trạch", "Quảng Trạch", "Lệ Thủy", "Quảng Ninh", "Tuyên Hóa"}},
	{"Thừa Thiên Huế", []string{"Phú Vang", "Phong Điền", "Quảng Điền", "A Lưới", "Phú Lộc"}},
	{"Quảng Nam", []string{"Điện Bàn", "Duy Xuyên", "Thăng Bình", "Núi Thành", "Đại Lộc"}},
	{"Bình Định", []string{"Phù Cát", "Phù Mỹ", "Hoài Nhơn", "Tây Sơn", "Tuy Phước"}},
	{"Khánh Hòa", []string{"Cam Lâm", "Diên Khánh", "Vạn Ninh", "Khánh Vĩnh", "Ninh Hòa"}},
	{"Đắk Lắk", []string{"Krông Pắc", "Ea Kar", "Cư M'gar", "Krông Búk", "Lắk"}},
	{"Lâm Đồng", []string{"Đức Trọng", "Di Linh", "Bảo Lâm", "Lâm Hà", "Đơn Dương"}},
	{"Bắc Ninh", []string{"Tiên Du", "Yên Phong", "Quế Võ", "Thuận Thành", "Gia Bình"}},
	{"Hải Dương", []string{"Gia Lộc", "Kim Thành", "Nam Sách", "Thanh Hà", "Cẩm Giàng"}},
	{"Hưng Yên", []string{"Văn Lâm", "Văn Giang", "Khoái Châu", "Ân Thi", "Tiên Lữ"}},
	{"Phú Thọ", []string{"Lâm Thao", "Phù Ninh", "Thanh Ba", "Cẩm Khê", "Yên Lập"}},
	{"Quảng Ninh", []string{"Đông Triều", "Tiên Yên", "Hải Hà", "Vân Đồn", "Đầm Hà"}},
	{"Hải Phòng", []string{"Thủy Nguyên", "An Dương", "Kiến Thụy", "Tiên Lãng", "Vĩnh Bảo"}},
	{"Đà Nẵng", []string{"Hải Châu", "Thanh Khê", "Sơn Trà", "Ngũ Hành Sơn", "Hòa Vang"}},
	{"Cần Thơ", []string{"Ninh Kiều", "Bình Thủy", "Cái Răng", "Ô Môn", "Phong Điền"}},
	{"An Giang", []string{"Châu Phú", "Chợ Mới", "Phú Tân", "Thoại Sơn", "Tịnh Biên"}},
	{"Cà Mau", []string{"Đầm Dơi", "Năm Căn", "Ngọc Hiển", "Trần Văn Thời", "U Minh"}},
	{"Bến Tre", []string{"Ba Tri", "Bình Đại", "Giồng Trôm", "Mỏ Cày Nam", "Thạnh Phú"}},
	{"Đồng Nai", []string{"Long Thành", "Nhơn Trạch", "Trảng Bom", "Vĩnh Cửu", "Định Quán"}},
	{"Lào Cai", []string{"Bát Xát", "Bảo Thắng", "Sa Pa", "Văn Bàn", "Mường Khương"}},
	{"Sơn La", []string{"Mộc Châu", "Mai Sơn", "Thuận Châu", "Yên Châu", "Sông Mã"}},
	{"Điện Biên", []string{"Mường Ảng", "Tuần Giáo", "Tủa Chùa", "Mường Chà", "Nậm Pồ"}},
	{"Hòa Bình", []string{"Lương Sơn", "Kim Bôi", "Tân Lạc", "Mai Châu", "Lạc Sơn"}},
	{"Gia Lai", []string{"Chư Păh", "Chư Prông", "Đức Cơ", "Ia Grai", "Mang Yang"}},
	{"Kon Tum", []string{"Đắk Hà", "Đắk Tô", "Ngọc Hồi", "Sa Thầy", "Kon Plông"}},
}

// communeParts are syllables of commune names (xã).
var communeParts = []string{"An", "Bình", "Hòa", "Phú", "Thạnh", "Tân", "Xuân", "Đông", "Tây", "Nam",
	"Bắc", "Hưng", "Long", "Thành", "Quang", "Minh", "Phước", "Lộc", "Thuận", "Vĩnh", "Đức", "Hiệp"}

// Directive and target wording in German, as the source report phrases tasks.
var directiveNames = []string{
	"Richtlinien und Beschlüsse der Partei zum Parteiaufbau vollständig verinnerlichen und strikt umsetzen",
	"Aufbau und Konsolidierung der Basisparteiorganisationen fortsetzen",
	"Plan zur Entwicklung der Parteimitglieder effektiv umsetzen",
	"Einrichtung von öffentlichen Dienststellen abschließen",
	"Beratung zur Änderung von Parteidokumenten zur Personalarbeit fortsetzen",
	"Inspektion und Überwachung der Parteiorganisationen verstärken",
	"Schulung der Funktionäre auf Bezirks- und Gemeindeebene verbessern",
	"Digitalisierung der Parteimitgliederverwaltung vorantreiben",
	"Vorbereitung der Parteitage auf allen Ebenen für die Amtszeit 2025–2030 beginnen",
	"Straffung des Apparats des politischen Systems fortführen",
}

var targetUnits = []struct{ unit, what string }{
	{"%", "Zahl der Neuaufnahmen der Partei im Vergleich zum Jahresbeginn um %s %% erhöhen"},
	{"Stellen", "%s Stellen abbauen"},
	{"Parteimitglieder", "%s neue Parteimitglieder aufnehmen"},
	{"Basisorganisationen", "%s Basisparteiorganisationen zusammenlegen"},
	{"%", "Anteil der Funktionäre mit Hochschulabschluss auf %s %% steigern"},
}

// ascii removes Vietnamese diacritics the way German reports write names:
// Trương Thị Mai becomes Truong Thi Mai, Đông becomes Dong.
func ascii(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteByte('d')
		case r == 'Đ':
			b.WriteByte('D')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// slug turns a name into an ID: lower-case ASCII letters and digits joined
// by single hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(ascii(s)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}
