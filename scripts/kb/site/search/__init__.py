"""site/search"""
