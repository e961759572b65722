"""Vietnamese name material for procedural casts: people, places and roles.

A person's name is họ + tên đệm + tên ("Trần Văn Minh"); places are a kind
word and a name ("phố Hàng Đào", "làng Phú Xá", "chùa Linh Ứng"). Middle
names never double as given names, so no name reads "Minh Minh".
"""

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
          "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = {"male": ["Văn", "Hữu", "Đức", "Quang", "Công", "Đình"],
          "female": ["Thị", "Thu", "Thanh", "Kim", "Bích", "Diệu"]}
GIVEN = {"male": ["Minh", "Hùng", "Dũng", "Tuấn", "Nam", "Long", "Sơn", "Hải", "Phong", "Khoa",
                  "Bảo", "Quân", "Thắng", "Tùng"],
         "female": ["Lan", "Hoa", "Mai", "Hương", "Hằng", "Linh", "Thảo", "Trang", "Yến", "Nga",
                    "Loan", "Cúc", "Huệ", "Nhung"]}
PRONOUN = {"male": "anh", "female": "chị"}

_SINO = ["Linh Ứng", "Thiên Quang", "Phúc Khánh", "Diên Hựu", "Báo Ân", "Hưng Long", "Vĩnh Nghiêm", "Kim Liên"]
_VILLAGE = ["Phú Xá", "An Lạc", "Vĩnh Yên", "Hòa Mỹ", "Tân Lộc", "Đông Ngạc", "Thanh Trì", "Bình Hưng"]
_STREET = ["Hàng Đào", "Hàng Bạc", "Hàng Buồm", "Hàng Gai", "Hàng Mã", "Hàng Bông", "Hàng Than", "Hàng Chiếu"]
_STARS = ["Sao Mai", "Bắc Đẩu", "Thiên Hà", "Ngân Hà", "Sao Hôm", "Thất Tinh", "Nam Tào", "Tử Vi"]

# place kind -> (the names it takes, "a <what>" for its description)
PLACES = {
    "historical": {"phố": (_STREET, "một con phố buôn bán tấp nập"),
                   "làng": (_VILLAGE, "một ngôi làng yên bình bên những cánh đồng lúa"),
                   "chùa": (_SINO, "một ngôi chùa cổ kính, hương khói quanh năm"),
                   "chợ": (_VILLAGE, "một khu chợ đông đúc từ lúc tờ mờ sáng"),
                   "bến": (_VILLAGE, "một bến sông nhộn nhịp thuyền bè")},
    "modern": {"phố": (_STREET, "một con phố không bao giờ ngủ"),
               "quán cà phê": (_STARS, "một quán cà phê nhỏ nơi người quen hẹn nhau"),
               "công viên": (_SINO, "một công viên rợp bóng cây giữa lòng thành phố"),
               "chung cư": (_VILLAGE, "một khu chung cư cũ chật chội mà ấm áp"),
               "chợ": (_VILLAGE, "một khu chợ đông đúc từ lúc tờ mờ sáng")},
    "fantasy": {"núi": (_SINO, "một ngọn núi quanh năm mây phủ"),
                "rừng": (_STARS, "một khu rừng sâu mà ít ai dám vào"),
                "thành": (_SINO, "một tòa thành cổ với những bức tường rêu phong"),
                "đền": (_SINO, "một ngôi đền linh thiêng canh giữ bí mật xưa"),
                "làng": (_VILLAGE, "một ngôi làng nhỏ dưới chân núi")},
    "sci-fi": {"trạm": (_STARS, "một trạm không gian trôi dạt ngoài quỹ đạo"),
               "thuộc địa": (_VILLAGE, "một thuộc địa non trẻ trên hành tinh xa"),
               "cảng vũ trụ": (_STARS, "một cảng vũ trụ tấp nập tàu bè"),
               "căn cứ": (_SINO, "một căn cứ nghiên cứu bị lãng quên")},
}
PLACE_LINES = ["Người ta kể về nơi này bằng giọng thì thầm.",
               "Nhiều ngả đường của câu chuyện gặp nhau ở đây.",
               "Dân ở đây không dễ tin người lạ.",
               "Nơi này giữ những ký ức mà không ai muốn nhắc lại."]

ROLES = {
    "historical": ["thương nhân", "thầy giáo", "người lính", "nhà báo", "thợ thủ công", "nhà nho"],
    "modern": ["thám tử", "nhà báo", "sinh viên", "bác sĩ", "họa sĩ", "doanh nhân"],
    "fantasy": ["hiệp sĩ", "pháp sư", "người dẫn đường", "kẻ lưu đày", "người canh giữ", "thầy bói"],
    "sci-fi": ["thuyền trưởng", "kỹ sư", "phi công", "nhà khoa học", "kẻ buôn lậu", "người máy"],
}
TRAITS = ["ít nói nhưng kiên định", "thông minh và đầy tham vọng", "hiền lành nhưng giấu một bí mật",
          "nóng nảy mà trọng nghĩa", "cẩn trọng và khéo léo", "lạc quan dù đời nhiều sóng gió"]
CHARACTER_LINES = ["Những lựa chọn của {pronoun} sẽ định hình số phận của nơi này.",
                   "Ít ai biết {pronoun} từng mất đi một người thân.",
                   "{Pronoun} đang tìm cách trả một món nợ cũ.",
                   "Bạn bè tin tưởng {pronoun}, nhưng kẻ thù thì không.",
                   "{Pronoun} mang trong lòng một lời hứa chưa thực hiện."]
