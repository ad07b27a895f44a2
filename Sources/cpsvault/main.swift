print("cpsvault")
