#!/usr/bin/env python3
"""Pictures of the lab district's overview and probes pages, in Chinese, from headless Chromium
logged in with a planner token: overview.png and probes.png in --folder."""
import argparse
import os
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--folder", required=True)
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars",
                     "--window-size=1280,900", "--lang=zh-CN"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    try:
        driver.set_page_load_timeout(60)
        driver.get(args.base + "/login")
        driver.find_element(By.CSS_SELECTOR, "form#login-form input[name=token]").send_keys(args.token)
        driver.find_element(By.CSS_SELECTOR, "form#login-form [type=submit]").click()
        time.sleep(1)
        for path, name in [("/?lang=zh", "overview"), ("/probes?lang=zh", "probes")]:
            driver.get(args.base + path)
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(1280, min(max(height, 600), 2400))
            driver.save_screenshot(os.path.join(args.folder, f"{name}.png"))
            print(os.path.join(args.folder, f"{name}.png"))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
