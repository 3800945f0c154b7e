print("brightness")
